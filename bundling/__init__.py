"""What the PyInstaller bundle (build.spec) runs and keeps; not part of the installed package."""
