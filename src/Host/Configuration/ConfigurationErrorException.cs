namespace YouTubeAnalytics.Host.Configuration;

/// <summary>A setting that cannot work; the message names the key and is all the user sees.</summary>
public sealed class ConfigurationErrorException(string message) : Exception(message);
