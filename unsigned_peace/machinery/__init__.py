"""The book's machinery: how the domain's data, charts and tables become an HTML book and a PDF.

Everything that knows about Sphinx, docutils, myst-nb, the theme, notebook execution, LaTeX or the
built site lives here: the Sphinx extension and its parts (execution cache, chart output, static
figure images, lean theme assets, downloads, the PDF), the link check, the notebook refresh and the
command line. The domain (`unsigned_peace` outside this folder) never imports it.
"""
