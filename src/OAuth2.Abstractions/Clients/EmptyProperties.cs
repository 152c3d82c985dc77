using System.Collections.ObjectModel;

namespace OAuth2.Clients;

internal static class EmptyProperties
{
    public static readonly IReadOnlyDictionary<string, string> Instance = ReadOnlyDictionary<string, string>.Empty;
}
