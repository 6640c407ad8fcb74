"""tariff_core: the OERC Retail Supply Tariff as dated data, and an engine that itemises bills."""
