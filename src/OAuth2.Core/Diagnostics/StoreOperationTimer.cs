using System.Diagnostics;

namespace OAuth2.Diagnostics;

/// <summary>
/// Times one store call into <c>oauth2.store.operation.duration</c> inside a client span tagged with the operation
/// and the backend: the one rule every instrumented store contract (<see cref="InstrumentedOAuth2Store"/>,
/// <see cref="InstrumentedPushedAuthorizationStore"/>) follows. When nothing listens the call goes through untouched.
/// </summary>
internal sealed class StoreOperationTimer(OAuth2Telemetry telemetry, string backendName)
{
    public ValueTask<T> Run<TStore, TArgs, T>(TStore store, string operation, TArgs args, Func<TStore, TArgs, ValueTask<T>> call)
        => telemetry.StoreInstrumentationEnabled ? Measure(store, operation, args, call) : call(store, args);

    public ValueTask Run<TStore, TArgs>(TStore store, string operation, TArgs args, Func<TStore, TArgs, ValueTask> call)
        => telemetry.StoreInstrumentationEnabled ? Measure(store, operation, args, call) : call(store, args);

    private async ValueTask<T> Measure<TStore, TArgs, T>(TStore store, string operation, TArgs args, Func<TStore, TArgs, ValueTask<T>> call)
    {
        using var activity = Start(operation);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await call(store, args).ConfigureAwait(false);
            telemetry.RecordStoreOperation(operation, backendName, Stopwatch.GetElapsedTime(started).TotalSeconds, failure: null);
            return result;
        }
        catch (Exception e)
        {
            Fail(activity, operation, started, e);
            throw;
        }
    }

    private async ValueTask Measure<TStore, TArgs>(TStore store, string operation, TArgs args, Func<TStore, TArgs, ValueTask> call)
    {
        using var activity = Start(operation);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await call(store, args).ConfigureAwait(false);
            telemetry.RecordStoreOperation(operation, backendName, Stopwatch.GetElapsedTime(started).TotalSeconds, failure: null);
        }
        catch (Exception e)
        {
            Fail(activity, operation, started, e);
            throw;
        }
    }

    private Activity? Start(string operation)
    {
        var activity = OAuth2Telemetry.ActivitySource.StartActivity(operation, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag(OAuth2Telemetry.TagNames.DbSystem, backendName);
            activity.SetTag(OAuth2Telemetry.TagNames.DbOperation, operation);
        }

        return activity;
    }

    private void Fail(Activity? activity, string operation, long started, Exception e)
    {
        telemetry.RecordStoreOperation(operation, backendName, Stopwatch.GetElapsedTime(started).TotalSeconds, e);
        if (activity is not null)
        {
            activity.SetTag(OAuth2Telemetry.TagNames.ErrorType, e.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }
}
