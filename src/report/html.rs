//! The report's page (placeholder until the renderer lands).
