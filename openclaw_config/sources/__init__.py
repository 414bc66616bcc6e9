"""Reading config sources: JSON5 and .env files, and positions inside them."""
