"""cc-syndicate: check that republished copies of Creative Commons articles credit their source."""

__version__ = "0.1.0"
