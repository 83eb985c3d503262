using StackExchange.Redis;

namespace Micro.Caching;

/// <summary>The cache on Redis, as Django's <c>RedisCache</c>: shared by every process of the app; increments are Redis's own, atomic.</summary>
internal sealed class RedisCacheBackend(RedisConnection connection) : ICacheBackend
{
    // INCRBY creates a missing key; Django's incr refuses one. Checking and adding in one script keeps it one atomic step.
    private const string IncrementScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          return redis.call('INCRBY', KEYS[1], ARGV[1])
        end
        return false
        """;

    public string Name => "Redis";

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        (byte[]?)await (await Database()).StringGetAsync(key);

    public async ValueTask<byte[]?[]> GetManyAsync(string[] keys, CancellationToken cancellationToken)
    {
        if (keys.Length == 0)
        {
            return [];
        }

        var values = await (await Database()).StringGetAsync(Array.ConvertAll(keys, static key => (RedisKey)key));
        return Array.ConvertAll(values, static value => (byte[]?)value);
    }

    public async ValueTask SetAsync(string key, byte[] value, TimeSpan? timeToLive, CancellationToken cancellationToken) =>
        await (await Database()).StringSetAsync(key, value, timeToLive, When.Always);

    public async ValueTask SetManyAsync(KeyValuePair<string, byte[]>[] entries, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        if (entries.Length == 0)
        {
            return;
        }

        // One transaction: every entry is set, with its expiry, or none is.
        var transaction = (await Database()).CreateTransaction();
        var sets = entries.Select(entry => transaction.StringSetAsync(entry.Key, entry.Value, timeToLive, When.Always)).ToList();
        await transaction.ExecuteAsync();
        await Task.WhenAll(sets);
    }

    public async ValueTask<bool> AddAsync(string key, byte[] value, TimeSpan? timeToLive, CancellationToken cancellationToken) =>
        await (await Database()).StringSetAsync(key, value, timeToLive, When.NotExists);

    public async ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken) =>
        await (await Database()).KeyDeleteAsync(key);

    public async ValueTask<int> DeleteManyAsync(string[] keys, CancellationToken cancellationToken) =>
        keys.Length == 0 ? 0 : (int)await (await Database()).KeyDeleteAsync(Array.ConvertAll(keys, static key => (RedisKey)key));

    public async ValueTask<bool> HasKeyAsync(string key, CancellationToken cancellationToken) =>
        await (await Database()).KeyExistsAsync(key);

    public async ValueTask<bool> TouchAsync(string key, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        var database = await Database();
        return timeToLive is { } span
            ? await database.KeyExpireAsync(key, span)
            : await database.KeyExistsAsync(key) && (await database.KeyPersistAsync(key) || true);
    }

    public async ValueTask<long?> IncrementAsync(string key, long delta, CancellationToken cancellationToken)
    {
        RedisResult result;
        try
        {
            result = await (await Database()).ScriptEvaluateAsync(IncrementScript, [key], [delta]);
        }
        catch (RedisServerException exception) when (exception.Message.Contains("not an integer", StringComparison.Ordinal) || exception.Message.Contains("overflow", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The value is not an integer, or the result would overflow a 64-bit integer.", exception);
        }

        return result.IsNull ? null : (long)result;
    }

    public async ValueTask ClearAsync(string prefix, CancellationToken cancellationToken)
    {
        var multiplexer = await connection.GetAsync();
        var database = multiplexer.GetDatabase();
        var pattern = Glob(prefix) + "*";
        foreach (var endpoint in multiplexer.GetEndPoints())
        {
            var server = multiplexer.GetServer(endpoint);
            if (!server.IsConnected || server.IsReplica)
            {
                continue;
            }

            var batch = new List<RedisKey>(256);
            await foreach (var key in server.KeysAsync(database.Database, pattern, pageSize: 256).WithCancellation(cancellationToken))
            {
                batch.Add(key);
                if (batch.Count == 256)
                {
                    await database.KeyDeleteAsync([.. batch]);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await database.KeyDeleteAsync([.. batch]);
            }
        }
    }

    public async ValueTask PingAsync(CancellationToken cancellationToken) => await (await Database()).PingAsync();

    private async ValueTask<IDatabase> Database() => await connection.DatabaseAsync();

    /// <summary><paramref name="text"/> as a Redis glob pattern that matches only itself.</summary>
    private static string Glob(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
