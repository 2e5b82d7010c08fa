"""The charts as Vega-Lite specifications (Altair), their colours and shared marks."""
