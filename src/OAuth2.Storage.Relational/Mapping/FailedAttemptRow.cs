#pragma warning disable IDE1006 // Properties carry the column names, so Dapper maps them without aliases.
namespace OAuth2.Storage.Relational;

/// <summary>A failed-attempt counter as a statement returns it: the count and the window end (Unix ms).</summary>
internal sealed class FailedAttemptRow
{
    public long attempt_count { get; set; }
    public long window_ends_at { get; set; }
}
