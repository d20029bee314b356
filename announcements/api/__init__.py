"""The JSON API of announcements, topics, speakers and comments."""
