"""The only place that writes events; views, commands and tasks call these functions."""
