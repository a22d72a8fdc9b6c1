"""Every measure the portal shows, computed from records or returned as an aggregate."""
