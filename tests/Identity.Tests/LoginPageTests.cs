using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SocialPrescribing.Identity.Model;
using SocialPrescribing.TestSupport;

namespace SocialPrescribing.Identity.Tests;

[Collection(IdentityCollection.Name)]
public sealed partial class LoginPageTests(IdentityFactory factory)
{
    [Fact]
    public async Task Staff_sign_in_with_the_form_and_return_where_they_were_going()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await PostLoginAsync(client, "callhandler", "Dev-Passw0rd!", "/intake");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/intake", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sp.identity=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_password_is_shown_as_an_error_and_signs_nobody_in()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await PostLoginAsync(client, "linkworker2", "not-it", "/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("The username or password is not right.", html, StringComparison.Ordinal);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("sp.identity=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_outside_return_address_is_not_followed()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await PostLoginAsync(client, "provider", "Dev-Passw0rd!", "https://evil.example/");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string username, string password, string returnUrl)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = FormFields.AntiforgeryToken(page);
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Username"] = username,
            ["Password"] = password,
            ["ReturnUrl"] = returnUrl,
        }));
    }

}
