"""Subscribers: signed links, double opt-in, one-click unsubscribe, bounces and roundups."""
