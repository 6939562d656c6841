import BriefSite

/// The preview server (`brief serve`): serves the built site from memory with live reload.
public enum PreviewServer {}
