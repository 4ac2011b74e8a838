"""What the HTML pages show: plain data for the templates, one module per page (no Flask)."""
