"""The DataCite metadata schema layer.

Reading DataCite XML into the REST API's JSON ``attributes`` form, writing
kernel-4 XML from attributes, XSD validation, normalisation on save, and DOI
syntax rules and suffix generation. Nothing here knows about HTTP or storage.
"""
