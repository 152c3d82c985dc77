using OAuth2.Tokens;

namespace OAuth2.Grants;

/// <summary>
/// A grant that must confirm, after its token was saved, that the family it extends was not revoked meanwhile.
/// </summary>
/// <remarks>
/// Two exchanges of one code race: the winner redeems it, the loser sees a replay and revokes the family. If the
/// loser's revocation lands between the winner's redemption and its save, the winner's new tokens would survive it.
/// Re-reading the redeemed item after the save closes that window: revocation removes it, so its absence (before
/// its natural expiry) means the family is gone and the just-saved tokens must go too.
/// </remarks>
internal interface ISavedTokenConfirmation
{
    ValueTask ConfirmAsync(GrantContext context, Token saved, CancellationToken cancellationToken);
}
