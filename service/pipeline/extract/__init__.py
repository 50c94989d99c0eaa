"""Text → sentences → atomic claims with their structure and links."""
