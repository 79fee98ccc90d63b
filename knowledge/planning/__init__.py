"""Planning: a typed question compiled to one parameterised SQL statement over declared measures."""
