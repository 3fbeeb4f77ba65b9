"""Test support shared by every suite: corpus access and real local servers."""
