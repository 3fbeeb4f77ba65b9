"""Speech-to-text engines against real local servers and moto."""
