"""Writers of the merged model in other threat-modelling formats (OTM, Threat Dragon v2)."""
