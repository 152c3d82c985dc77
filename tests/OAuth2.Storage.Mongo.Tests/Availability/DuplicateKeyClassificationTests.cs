using MongoDB.Driver;
using OAuth2.Storage.Mongo.Errors;

namespace OAuth2.Storage.Mongo.Tests.Availability;

/// <summary>
/// Which duplicate-key error a device authorization insert gets: a taken user code (the save answers <c>false</c>)
/// or the same device code twice (a caller bug). The messages are the server's E11000 format. No server needed.
/// </summary>
public sealed class DuplicateKeyClassificationTests
{
    private const string UserCodeTaken =
        "E11000 duplicate key error collection: auth.oauth2_device_authorizations index: userCode_unique dup key: { userCode: BinData(0, 5E2A) }";

    private const string DeviceCodeTwice =
        "E11000 duplicate key error collection: auth.oauth2_device_authorizations index: _id_ dup key: { _id: BinData(0, 5E2A) }";

    [Fact]
    public void A_duplicate_user_code_is_a_taken_user_code()
    {
        Assert.True(DuplicateKeys.IsOnSecondaryKey(ServerErrorCategory.DuplicateKey, UserCodeTaken));
        Assert.False(DuplicateKeys.IsOnPrimaryKey(ServerErrorCategory.DuplicateKey, UserCodeTaken));
    }

    [Fact]
    public void A_user_code_index_a_deployment_named_otherwise_is_still_the_user_code()
    {
        var renamed = UserCodeTaken.Replace("userCode_unique", "userCode_1", StringComparison.Ordinal);

        Assert.True(DuplicateKeys.IsOnSecondaryKey(ServerErrorCategory.DuplicateKey, renamed));
    }

    [Fact]
    public void A_duplicate_device_code_is_not_a_taken_user_code()
    {
        Assert.False(DuplicateKeys.IsOnSecondaryKey(ServerErrorCategory.DuplicateKey, DeviceCodeTwice));
        Assert.True(DuplicateKeys.IsOnPrimaryKey(ServerErrorCategory.DuplicateKey, DeviceCodeTwice));
    }

    [Fact]
    public void Other_write_errors_are_neither()
    {
        Assert.False(DuplicateKeys.IsOnSecondaryKey(ServerErrorCategory.Uncategorized, UserCodeTaken));
        Assert.False(DuplicateKeys.IsOnPrimaryKey(ServerErrorCategory.ExecutionTimeout, DeviceCodeTwice));
    }
}
