"""The Qt window: shows and asks; the work happens in the plain modules."""
