print("herald: the client is not built yet; see README.md")
