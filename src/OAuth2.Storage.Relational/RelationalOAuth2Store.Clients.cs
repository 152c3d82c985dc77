using Dapper;
using OAuth2.Clients;

namespace OAuth2.Storage.Relational;

public sealed partial class RelationalOAuth2Store
{
    public async ValueTask<OAuth2Client?> FindClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        var statement = Statements.FindClient;
        var parameters = new StatementParameters().Text("client_id", clientId);
        var row = await _runner.ReadAsync(
                (connection, ct) => connection.QuerySingleOrDefaultAsync<ClientRow>(_runner.Command(statement, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return row is null ? null : RowMapper.ToClient(row);
    }

    public async ValueTask SaveClientAsync(OAuth2Client client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var statement = Statements.UpsertClient;
        var parameters = RowMapper.ClientParameters(client);
        await _runner.WriteAsync(
                (connection, ct) => connection.ExecuteAsync(_runner.Command(statement, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
    }

    public async ValueTask<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        var statement = Statements.DeleteClient;
        var parameters = new StatementParameters().Text("client_id", clientId);
        var deleted = await _runner.WriteAsync(
                (connection, ct) => connection.ExecuteAsync(_runner.Command(statement, parameters, null, ct)),
                cancellationToken)
            .ConfigureAwait(false);
        return deleted > 0;
    }
}
