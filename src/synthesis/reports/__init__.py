"""Reports: the papermill runner, HTML/PDF rendering and Thai-font plotting."""
