using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.Identity.Tests;

public class IdentityFactory : ServiceFactory<Program>
{
    protected override string DatabaseName => ResourceNames.IdentityDb;

    protected override bool UsesBroker => false;

    public async Task<(HttpResponseMessage Response, JsonObject Body)> TokenAsync(params (string Key, string Value)[] form)
    {
        var response = await CreateClient().PostAsync("/connect/token",
            new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))));
        return (response, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    public Task<(HttpResponseMessage Response, JsonObject Body)> PasswordGrantAsync(string username, string password, string scope = "openid roles api") =>
        TokenAsync(("grant_type", "password"), ("client_id", "sp-cli"), ("username", username), ("password", password), ("scope", scope));
}

[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityFactory>
{
    public const string Name = "identity";
}
