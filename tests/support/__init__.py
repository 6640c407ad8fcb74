"""Helpers shared by several test folders: real servers on loopback, started and stopped."""
