"""release: the release files and their canonical bytes, VoID/DCAT, the service description, and dist/."""
