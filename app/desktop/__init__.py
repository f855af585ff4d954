"""Carnet on the Linux desktop: its menu entry, icons and the file types it opens."""
