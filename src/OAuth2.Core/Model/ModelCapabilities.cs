namespace OAuth2.Model;

internal static class ModelCapabilities
{
    /// <summary>The model as <typeparamref name="T"/> if it implements it and does not disclaim it.</summary>
    public static T? As<T>(object model)
        where T : class
        => model is T capability && (model is not IModelCapabilities declared || declared.Supports(typeof(T))) ? capability : null;
}
