using System.Text.Json;
using OAuth2.Errors;

namespace OAuth2.Registration;

/// <summary>
/// The RFC 7591 section 2 members of a registration or update body, read strictly: one JSON object, each member once,
/// the right JSON type, strings and lists bounded. Members the server does not know are kept in <see cref="Members"/>
/// for the policy and otherwise ignored (section 2: "the authorization server MUST ignore any client metadata ... that it does not understand").
/// </summary>
internal sealed class ClientMetadata
{
    /// <summary>Human-readable and informational members the server keeps verbatim in <c>OAuth2Client.Properties</c>.</summary>
    public static readonly string[] TextMembers = ["client_name", "client_uri", "logo_uri", "tos_uri", "policy_uri", "software_id", "software_version"];

    /// <summary>Of <see cref="TextMembers"/>, those that are URLs (section 2: web pages, shown to users, so http(s) only).</summary>
    public static readonly string[] UrlMembers = ["client_uri", "logo_uri", "tos_uri", "policy_uri"];

    private const int MaxMembers = 64;

    private ClientMetadata(Dictionary<string, JsonElement> members) => Members = members;

    public IReadOnlyDictionary<string, JsonElement> Members { get; }

    public IReadOnlyList<string>? RedirectUris { get; private set; }

    public string? TokenEndpointAuthMethod { get; private set; }

    public IReadOnlyList<string>? GrantTypes { get; private set; }

    public IReadOnlyList<string>? ResponseTypes { get; private set; }

    public string? Scope { get; private set; }

    public IReadOnlyList<string>? Contacts { get; private set; }

    public Dictionary<string, string> Texts { get; } = new(StringComparer.Ordinal);

    public bool HasSoftwareStatement { get; private set; }

    /// <summary>The <c>jwks</c> member as JSON text, when it is an object.</summary>
    public string? Jwks { get; private set; }

    public bool HasJwksUri { get; private set; }

    public string? ClientId { get; private set; }

    public string? ClientSecret { get; private set; }

    /// <summary>Parses a body; anything malformed is <c>invalid_client_metadata</c> (<see cref="ErrorIds.ClientMetadataMalformed"/>).</summary>
    public static ClientMetadata Parse(ReadOnlyMemory<byte> body, ClientRegistrationOptions options, int maxValueLength)
    {
        if (body.Length == 0)
        {
            throw Malformed("the body must be a JSON object");
        }

        if (body.Length > options.MaxRequestBytes)
        {
            throw Malformed($"the body is larger than {options.MaxRequestBytes} bytes");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw Malformed("the body is not valid JSON", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Malformed("the body must be a JSON object");
            }

            var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var member in root.EnumerateObject())
            {
                if (members.Count == MaxMembers)
                {
                    throw Malformed($"the body has more than {MaxMembers} members");
                }

                if (!members.TryAdd(member.Name, member.Value.Clone()))
                {
                    throw Malformed($"member `{Shorten(member.Name)}` is repeated");
                }
            }

            var metadata = new ClientMetadata(members);
            metadata.Read(options, maxValueLength);
            return metadata;
        }
    }

    private void Read(ClientRegistrationOptions options, int maxValueLength)
    {
        foreach (var (name, value) in Members)
        {
            switch (name)
            {
                case "redirect_uris":
                    RedirectUris = List(name, value, options.MaxRedirectUris, maxValueLength);
                    break;
                case "grant_types":
                    GrantTypes = List(name, value, options.MaxListLength, maxValueLength);
                    break;
                case "response_types":
                    ResponseTypes = List(name, value, options.MaxListLength, maxValueLength);
                    break;
                case "contacts":
                    Contacts = List(name, value, options.MaxListLength, maxValueLength);
                    break;
                case "token_endpoint_auth_method":
                    TokenEndpointAuthMethod = Text(name, value, maxValueLength);
                    break;
                case "scope":
                    Scope = Text(name, value, maxValueLength);
                    break;
                case "client_id":
                    ClientId = Text(name, value, maxValueLength);
                    break;
                case "client_secret":
                    ClientSecret = Text(name, value, maxValueLength);
                    break;
                case "software_statement":
                    HasSoftwareStatement = true;
                    break;
                case "jwks":
                    Jwks = value.ValueKind == JsonValueKind.Object ? value.GetRawText() : throw Malformed("`jwks` must be a JSON object");
                    break;
                case "jwks_uri":
                    HasJwksUri = true;
                    break;
                default:
                    if (Array.IndexOf(TextMembers, name) >= 0)
                    {
                        Texts[name] = Text(name, value, maxValueLength);
                    }

                    break;
            }
        }
    }

    private static string Text(string name, JsonElement value, int maxLength)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Malformed($"`{name}` must be a string");
        }

        var text = value.GetString()!;
        if (text.Length == 0 || text.Length > maxLength)
        {
            throw Malformed($"`{name}` must be between 1 and {maxLength} characters");
        }

        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                throw Malformed($"`{name}` must not contain control characters");
            }
        }

        return text;
    }

    private static string[] List(string name, JsonElement value, int maxCount, int maxLength)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Malformed($"`{name}` must be an array of strings");
        }

        if (value.GetArrayLength() > maxCount)
        {
            throw Malformed($"`{name}` has more than {maxCount} entries");
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            var text = Text(name, item, maxLength);
            if (!items.Contains(text, StringComparer.Ordinal))
            {
                items.Add(text);
            }
        }

        return [.. items];
    }

    internal static InvalidClientMetadataException Malformed(string what, Exception? inner = null)
        => new($"Invalid client metadata: {what}", inner) { ErrorId = ErrorIds.ClientMetadataMalformed };

    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64];
}
