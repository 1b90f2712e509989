"""The analysis stage: parse once, then derive what the sections share."""
