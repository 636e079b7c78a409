/*
 * Starts GraphiQL against this service's /graphql. The URL's query, variables and operationName parameters fill the
 * editors (and follow the query as it is edited, so a link shares it). A token pasted into the Headers tab as
 * {"Authorization": "Bearer <access token>"} is sent with every request; headers are not persisted, so the token does
 * not outlive the tab.
 */
(function () {
    'use strict';

    var params = new URLSearchParams(window.location.search);
    var fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).toString() });

    function remember(name) {
        return function (value) {
            if (value) {
                params.set(name, value);
            } else {
                params.delete(name);
            }
            window.history.replaceState(null, '', '?' + params.toString());
        };
    }

    var root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(React.createElement(GraphiQL, {
        fetcher: fetcher,
        query: params.get('query') || undefined,
        variables: params.get('variables') || undefined,
        operationName: params.get('operationName') || undefined,
        headerEditorEnabled: true,
        shouldPersistHeaders: false,
        defaultEditorToolsVisibility: 'headers',
        onEditQuery: remember('query'),
        onEditVariables: remember('variables'),
        onEditOperationName: remember('operationName')
    }));
}());
