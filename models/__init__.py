"""Model loading: one registry of default models and one small interface per role."""
