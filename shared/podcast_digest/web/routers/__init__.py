"""One router per concern: subscriptions (the emailed links), pages (sign-up, summaries), archive, feeds."""
