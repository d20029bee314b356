"""The JSON API of indicators, observations and policy actions."""
