using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SocialPrescribing.Identity.Model;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.Identity.Tests;

public class IdentityFactory : ServiceFactory<Program>
{
    protected override string DatabaseName => ResourceNames.IdentityDb;

    protected override bool UsesBroker => false;

    public Task<(HttpResponseMessage Response, JsonObject Body)> TokenAsync(params (string Key, string Value)[] form) =>
        TokenFromAsync(null, form);

    public async Task<(HttpResponseMessage Response, JsonObject Body)> TokenFromAsync(string? address, params (string Key, string Value)[] form)
    {
        var client = CreateClient();
        if (address is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        }

        var response = await client.PostAsync("/connect/token",
            new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))));
        return (response, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    public const string RightPassword = "Right-Passw0rd!";

    /// <summary>A new member of staff (a fresh account, so no other test's tries count against it).</summary>
    public async Task<string> CreateUserAsync(string role = "linkworker", string prefix = "staff")
    {
        var username = $"{prefix}-{Guid.NewGuid():N}"[..24];
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = username, DisplayName = "Test " + role, Team = role == "linkworker" ? "north" : null };
        Assert.True((await users.CreateAsync(user, RightPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return username;
    }

    /// <summary>A browser of its own (its own cookies) at an address of its own, as the gateway forwards it.</summary>
    public HttpClient Browser(string address)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static int _addresses = Random.Shared.Next(1, 1 << 20);

    /// <summary>An address no other test uses, so tests never share an address's count.</summary>
    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref _addresses);
        return $"10.{(n >> 16) & 0xff}.{(n >> 8) & 0xff}.{n & 0xff}";
    }

    /// <summary>Posts the sign-in form as a browser would.</summary>
    public static async Task<HttpResponseMessage> SignInFormAsync(HttpClient client, string username, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync("/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page),
            ["Username"] = username,
            ["Password"] = password,
            ["ReturnUrl"] = returnUrl,
        }));
    }

    /// <summary>Posts a form of the page at <paramref name="path"/> (its antiforgery token taken from the page).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string action, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = FormFields.AntiforgeryToken(page);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Moves every counted sign-in failure back in time, as if that long had passed.</summary>
    public async Task AgeSignInFailuresAsync(TimeSpan by)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE sign_in_failures SET occurred_at = occurred_at - @by", connection);
        command.Parameters.AddWithValue("by", by);
        await command.ExecuteNonQueryAsync();
    }

    public Task<(HttpResponseMessage Response, JsonObject Body)> PasswordGrantAsync(string username, string password, string scope = "openid roles api") =>
        TokenAsync(("grant_type", "password"), ("client_id", "sp-cli"), ("username", username), ("password", password), ("scope", scope));

    public Task<(HttpResponseMessage Response, JsonObject Body)> PasswordGrantFromAsync(string address, string username, string password) =>
        TokenFromAsync(address, ("grant_type", "password"), ("client_id", "sp-cli"), ("username", username), ("password", password), ("scope", "openid roles api"));
}

[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityFactory>
{
    public const string Name = "identity";
}
