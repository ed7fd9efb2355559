"""The diagnose job: configuration resolution, the probe runner and the overall decision."""
