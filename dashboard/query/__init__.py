"""What the user asked for: the link's parameters, the filters, the page of one view."""
