namespace Micro.Generators.Shared
{
    /// <summary>Metadata names of the types the generator looks for.</summary>
    internal static class KnownNames
    {
        public const string RouteAttribute = "Micro.RouteAttribute";
        public const string ErrorHandlerAttribute = "Micro.ErrorHandlerAttribute";
        public const string RouteGroupAttribute = "Micro.RouteGroupAttribute";
        public const string RouteConverterAttribute = "Micro.RouteConverterAttribute";
        public const string RouteConverterOfT = "Micro.RouteConverter`1";
        public const string ErrorInfo = "Micro.ErrorInfo";
        public const string Session = "Micro.Session";
        public const string CurrentUser = "Micro.CurrentUser";
        public const string ResolverMatch = "Micro.ResolverMatch";
        public const string WebSocketConnection = "Micro.WebSocketConnection";

        public const string CommandAttribute = "Micro.CommandAttribute";
        public const string ArgumentAttribute = "Micro.ArgumentAttribute";
        public const string OptionAttribute = "Micro.OptionAttribute";
        public const string CommandContext = "Micro.CommandContext";
        public const string BuiltInCommandAttribute = "Micro.Commands.BuiltInCommandAttribute";
        public const string TestAttribute = "Micro.TestAttribute";
        public const string MicroTestClient = "Micro.MicroTestClient";
        public const string TextWriter = "System.IO.TextWriter";
        public const string TemplateTagAttribute = "Micro.TemplateTagAttribute";
        public const string AltersDataAttribute = "Micro.AltersDataAttribute";
        public const string ModelAttribute = "Micro.ModelAttribute";
        public const string IndexAttribute = "Micro.IndexAttribute";
        public const string UniqueAttribute = "Micro.UniqueAttribute";
        public const string KeyAttribute = "System.ComponentModel.DataAnnotations.KeyAttribute";
        public const string RequiredAttribute = "System.ComponentModel.DataAnnotations.RequiredAttribute";
        public const string MaxLengthAttribute = "System.ComponentModel.DataAnnotations.MaxLengthAttribute";
        public const string StringLengthAttribute = "System.ComponentModel.DataAnnotations.StringLengthAttribute";
        public const string NotMappedAttribute = "System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute";
        public const string ColumnAttribute = "System.ComponentModel.DataAnnotations.Schema.ColumnAttribute";
        public const string ForeignKeyAttribute = "System.ComponentModel.DataAnnotations.Schema.ForeignKeyAttribute";
        public const string InversePropertyAttribute = "System.ComponentModel.DataAnnotations.Schema.InversePropertyAttribute";

        public const string FormAttribute = "Micro.FormAttribute";
        public const string AdminAttribute = "Micro.AdminAttribute";
        public const string AdminDisplayAttribute = "Micro.AdminDisplayAttribute";
        public const string AdminActionAttribute = "Micro.AdminActionAttribute";
        public const string AdminInlineAttribute = "Micro.AdminInlineAttribute";
        public const string AdminFieldsetAttribute = "Micro.AdminFieldsetAttribute";
        public const string AdminPrepopulatedAttribute = "Micro.AdminPrepopulatedAttribute";
        public const string FormErrors = "Micro.FormErrors";
        public const string ValidationAttribute = "System.ComponentModel.DataAnnotations.ValidationAttribute";
        public const string MinLengthAttribute = "System.ComponentModel.DataAnnotations.MinLengthAttribute";
        public const string LengthAttribute = "System.ComponentModel.DataAnnotations.LengthAttribute";
        public const string RangeAttribute = "System.ComponentModel.DataAnnotations.RangeAttribute";
        public const string EmailAddressAttribute = "System.ComponentModel.DataAnnotations.EmailAddressAttribute";
        public const string UrlAttribute = "System.ComponentModel.DataAnnotations.UrlAttribute";
        public const string RegularExpressionAttribute = "System.ComponentModel.DataAnnotations.RegularExpressionAttribute";
        public const string FileFieldAttribute = "Micro.FileFieldAttribute";
        public const string ImageFieldAttribute = "Micro.ImageFieldAttribute";
        public const string FileExtensionsAttribute = "System.ComponentModel.DataAnnotations.FileExtensionsAttribute";
        public const string CompareAttribute = "System.ComponentModel.DataAnnotations.CompareAttribute";
        public const string AllowedValuesAttribute = "System.ComponentModel.DataAnnotations.AllowedValuesAttribute";
        public const string DataTypeAttribute = "System.ComponentModel.DataAnnotations.DataTypeAttribute";
        public const string DisplayAttribute = "System.ComponentModel.DataAnnotations.DisplayAttribute";
        public const string DisplayNameAttribute = "System.ComponentModel.DisplayNameAttribute";

        public const string ListOfT = "System.Collections.Generic.List`1";
        public const string IListOfT = "System.Collections.Generic.IList`1";
        public const string ICollectionOfT = "System.Collections.Generic.ICollection`1";
        public const string IReadOnlyListOfT = "System.Collections.Generic.IReadOnlyList`1";
        public const string IDictionaryOfT = "System.Collections.Generic.IDictionary`2";
        public const string IReadOnlyDictionaryOfT = "System.Collections.Generic.IReadOnlyDictionary`2";
        public const string Guid = "System.Guid";
        public const string DateTimeOffset = "System.DateTimeOffset";
        public const string DateOnly = "System.DateOnly";
        public const string TimeOnly = "System.TimeOnly";
        public const string TimeSpan = "System.TimeSpan";
        public const string BigInteger = "System.Numerics.BigInteger";
        public const string Int128 = "System.Int128";
        public const string UInt128 = "System.UInt128";
        public const string Template = "Micro.Template";
        public const string ITemplateObject = "Micro.ITemplateObject";

        public const string HttpContext = "Microsoft.AspNetCore.Http.HttpContext";
        public const string HttpRequest = "Microsoft.AspNetCore.Http.HttpRequest";
        public const string HttpResponse = "Microsoft.AspNetCore.Http.HttpResponse";
        public const string IResult = "Microsoft.AspNetCore.Http.IResult";
        public const string IAsyncEnumerable = "System.Collections.Generic.IAsyncEnumerable`1";
        public const string SseItem = "System.Net.ServerSentEvents.SseItem`1";
        public const string IFormCollection = "Microsoft.AspNetCore.Http.IFormCollection";
        public const string IFormFile = "Microsoft.AspNetCore.Http.IFormFile";
        public const string IFormFileCollection = "Microsoft.AspNetCore.Http.IFormFileCollection";
        public const string TypedResults = "Microsoft.AspNetCore.Http.TypedResults";
        public const string Results = "Microsoft.AspNetCore.Http.Results";
        public const string IValueHttpResultOfT = "Microsoft.AspNetCore.Http.IValueHttpResult`1";
        public const string CancellationToken = "System.Threading.CancellationToken";
        public const string ClaimsPrincipal = "System.Security.Claims.ClaimsPrincipal";
        public const string Task = "System.Threading.Tasks.Task";
        public const string TaskOfT = "System.Threading.Tasks.Task`1";
        public const string ValueTask = "System.Threading.Tasks.ValueTask";
        public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
        public const string IFormatProvider = "System.IFormatProvider";

        public const string FromRouteMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromRouteMetadata";
        public const string FromQueryMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromQueryMetadata";
        public const string FromHeaderMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromHeaderMetadata";
        public const string FromFormMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromFormMetadata";
        public const string FromBodyMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromBodyMetadata";
        public const string FromServiceMetadata = "Microsoft.AspNetCore.Http.Metadata.IFromServiceMetadata";
        public const string FromKeyedServicesAttribute = "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute";

        public const string IAuthorizeData = "Microsoft.AspNetCore.Authorization.IAuthorizeData";
        public const string IAllowAnonymous = "Microsoft.AspNetCore.Authorization.IAllowAnonymous";
        public const string IAuthorizationRequirementData = "Microsoft.AspNetCore.Authorization.IAuthorizationRequirementData";

        /// <summary>
        /// Route names the runtime provides beside the app's own: the views <c>app.MapAuth()</c> mounts. <c>{% url 'login' %}</c> and
        /// <c>Url.Reverse("login")</c> are not unknown names.
        /// </summary>
        public static readonly string[] BuiltInRouteNames =
        {
            "login", "logout", "password_change", "password_change_done",
            "password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete",
            "admin:index", "admin:login", "admin:logout", "admin:app_list", "admin:stylesheet", "admin:auth_user_password_change",
            "admin:password_change", "admin:password_change_done", "admin:autocomplete",
            "admin:inlines_script", "admin:autocomplete_script", "admin:related_script", "admin:prepopulate_script",
        };

        /// <summary>
        /// The templates Micro.Runtime embeds (the auth views' and the admin's), which an app's templates may extend or include, and
        /// replace with their own of the same name.
        /// </summary>
        public static readonly string[] BuiltInTemplates =
        {
            "admin/actions.html", "admin/app_index.html", "admin/auth/user/change_password.html", "admin/password_change_done.html", "admin/password_change_form.html",
            "admin/base.html", "admin/change_form.html", "admin/change_list.html", "admin/delete_confirmation.html",
            "admin/delete_selected_confirmation.html", "admin/edit_inline/stacked.html", "admin/edit_inline/stacked_row.html", "admin/edit_inline/tabular.html", "admin/edit_inline/tabular_row.html", "admin/includes/field_widgets.html", "admin/includes/fieldset.html", "admin/index.html", "admin/logged_out.html", "admin/login.html", "admin/object_history.html", "admin/popup_response.html", "admin/submit_line.html",
            "registration/base.html", "registration/logged_out.html", "registration/login.html", "registration/password_change_done.html",
            "registration/password_change_form.html", "registration/password_reset_complete.html", "registration/password_reset_confirm.html",
            "registration/password_reset_done.html", "registration/password_reset_email.html", "registration/password_reset_form.html",
            "registration/password_reset_subject.txt", "sitemap.xml", "sitemap_index.xml",
        };

        /// <summary>
        /// A name the runtime provides: one of <see cref="BuiltInRouteNames"/>, or a page of a model in the admin
        /// (<c>admin:blog_post_changelist</c>, <c>_add</c>, <c>_change</c>, <c>_delete</c>, <c>_history</c>), which depend on the app's label.
        /// </summary>
        public static bool IsBuiltInRouteName(string name) =>
            System.Array.IndexOf(BuiltInRouteNames, name) >= 0
            || (name.StartsWith("admin:", System.StringComparison.Ordinal) && name.IndexOf('_') > 6
                && (name.EndsWith("_changelist", System.StringComparison.Ordinal) || name.EndsWith("_add", System.StringComparison.Ordinal)
                    || name.EndsWith("_change", System.StringComparison.Ordinal) || name.EndsWith("_delete", System.StringComparison.Ordinal)
                    || name.EndsWith("_history", System.StringComparison.Ordinal)));
    }

    /// <summary>Names of the tracked pipeline steps; tests key on these.</summary>
    internal static class TrackingNames
    {
        public const string RouteTargets = "Micro.Routes.Targets";
        public const string ErrorHandlerTargets = "Micro.Routes.ErrorHandlers";
        public const string RouteConverters = "Micro.Routes.Converters";
        public const string RouteGroups = "Micro.Routes.Groups";
        public const string RouteTable = "Micro.Routes.Table";

        public const string CommandTargets = "Micro.Commands.Targets";
        public const string CommandHost = "Micro.Commands.Host";
        public const string CommandTable = "Micro.Commands.Table";
        public const string ModelTargets = "Micro.Data.Models";
        public const string DataModel = "Micro.Data.Model";

        public const string AdminTargets = "Micro.Admin.Targets";
        public const string AdminSite = "Micro.Admin.Site";

        public const string FormTargets = "Micro.Forms.Targets";
        public const string Forms = "Micro.Forms.Forms";
        public const string AllForms = "Micro.Forms.All";

        public const string TemplateRenderCalls = "Micro.Templates.RenderCalls";
        public const string TemplateGeneratedTypes = "Micro.Templates.GeneratedTypes";
        public const string TemplateTags = "Micro.Templates.Tags";
        public const string TemplateFiles = "Micro.Templates.Files";
        public const string TemplateChecks = "Micro.Templates.Checks";
        public const string TemplateMemberChecks = "Micro.Templates.MemberChecks";
        public const string TemplatesModel = "Micro.Templates.Model";
        public const string CompiledTemplates = "Micro.Templates.Compiled";

        public const string TestTargets = "Micro.Testing.Targets";
        public const string TestTable = "Micro.Testing.Table";

        public const string ProjectOptions = "Micro.Project.Options";
        public const string Manifest = "Micro.Hosting.Manifest";
    }
}
