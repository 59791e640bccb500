"""kg: knowledge graphs of policy texts, every edge traceable to its sentence."""

__version__ = "0.1.0"
