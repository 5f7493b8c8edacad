"""The command line and the Textual dashboard. Extraction rules live in tradedash.extract."""
