namespace OAuth2.Model;

/// <summary>
/// Lets a model that implements a capability interface only conditionally (such as
/// <see cref="Storage.StoreBackedModel"/>, whose password grant exists only if a <c>GetUser</c> policy was given)
/// tell the server what it really supports, so the construction-time check stays truthful.
/// </summary>
public interface IModelCapabilities
{
    /// <summary>Whether the model supports the capability interface <paramref name="capability"/>.</summary>
    bool Supports(Type capability);
}
