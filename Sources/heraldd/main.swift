print("heraldd: the transport is not built yet; see README.md")
