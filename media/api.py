"""The JSON API of images and attachments."""
