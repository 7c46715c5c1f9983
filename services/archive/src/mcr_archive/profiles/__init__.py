"""Customer profiles (CP) and vendor profiles (VP): versioned documents with review rounds."""
