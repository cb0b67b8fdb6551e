// The account page (README, "Browser mode for an intranet app"). The access token lives in this script's memory
// only; the refresh token is in an HttpOnly cookie this script cannot read; the CSRF token is read from its cookie
// (or the last token response) and sent back as X-CSRF-Token on every cookie-authenticated call.
'use strict';

(() => {
    const CSRF_COOKIE = '__Host-sigil_csrf=';
    const state = {accessToken: null, csrfToken: null, timer: null};
    const byId = id => document.getElementById(id);

    class SignedOut extends Error {}

    function csrfToken() {
        const cookie = document.cookie.split('; ').find(c => c.startsWith(CSRF_COOKIE));
        return state.csrfToken || (cookie ? cookie.substring(CSRF_COOKIE.length) : null);
    }

    async function call(method, path, {body, bearer = false, csrf = false} = {}) {
        const headers = {};
        if (body !== undefined) headers['Content-Type'] = 'application/json';
        if (bearer && state.accessToken) headers['Authorization'] = 'Bearer ' + state.accessToken;
        if (csrf) headers['X-CSRF-Token'] = csrfToken() || '';
        let response;
        try {
            response = await fetch(path, {method, headers, cache: 'no-store', credentials: 'same-origin',
                body: body === undefined ? undefined : JSON.stringify(body)});
        } catch (e) {
            return {status: 0, json: {}};
        }
        let json = {};
        if (response.status !== 204) {
            try { json = await response.json(); } catch (e) { json = {}; }
        }
        return {status: response.status, json, retryAfter: response.headers.get('Retry-After')};
    }

    function keep(tokens) {
        state.accessToken = tokens.access_token;
        state.csrfToken = tokens.csrf_token;
        clearTimeout(state.timer);
        // Refresh a little before the access token expires, so that calls rarely meet a 401.
        state.timer = setTimeout(refresh, Math.max(5, tokens.expires_in - 30) * 1000);
    }

    function forget() {
        state.accessToken = null;
        state.csrfToken = null;
        clearTimeout(state.timer);
    }

    /** A new access token from the refresh cookie; false when the session is over. */
    async function refresh() {
        if (!csrfToken()) return false;
        const reply = await call('POST', '/api/browser/refresh', {csrf: true});
        if (reply.status === 200) {
            keep(reply.json);
            return true;
        }
        return false;
    }

    /** A bearer call; a refused access token is refreshed once; a session that is over shows the sign-in form. */
    async function api(method, path, body) {
        let reply = await call(method, path, {body, bearer: true});
        const tokenRefused = r => r.status === 401 && r.json.error !== 'invalid_grant';
        if (tokenRefused(reply) && await refresh()) {
            reply = await call(method, path, {body, bearer: true});
        }
        if (tokenRefused(reply)) {
            showSignedOut('You are signed out: this session was ended. Sign in again to continue.');
            throw new SignedOut();
        }
        return reply;
    }

    function say(text) {
        byId('status').textContent = text;
    }

    function showError(text) {
        const error = byId('error');
        error.textContent = text;
        error.hidden = !text;
        if (text) error.focus();
    }

    function minutes(retryAfter) {
        const n = Math.max(1, Math.ceil(Number(retryAfter || 60) / 60));
        return n === 1 ? 'about a minute' : 'about ' + n + ' minutes';
    }

    function device(userAgent) {
        if (!userAgent) return 'Unknown device';
        const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox'
            : /(Chrome|Chromium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari'
            : userAgent.split(/[ /]/)[0];
        const system = /Windows/.test(userAgent) ? 'Windows' : /Android/.test(userAgent) ? 'Android'
            : /(iPhone|iPad)/.test(userAgent) ? 'iOS' : /Mac OS X/.test(userAgent) ? 'macOS'
            : /Linux/.test(userAgent) ? 'Linux' : null;
        return system ? browser + ' on ' + system : browser;
    }

    function showSignedOut(message) {
        forget();
        document.body.dataset.state = 'signed-out';
        byId('account').hidden = true;
        byId('signin').hidden = false;
        say(message);
        byId('password').value = '';
        byId('username').focus();
    }

    async function showAccount() {
        const me = await api('GET', '/api/me');
        byId('who').textContent = me.json.username;
        byId('signin').hidden = true;
        byId('account').hidden = false;
        await listSessions();
        document.body.dataset.state = 'signed-in';
    }

    async function listSessions() {
        const reply = await api('GET', '/api/auth/sessions');
        if (reply.status !== 200) {
            showError('Your sessions could not be listed. Try again in a moment.');
            return;
        }
        const rows = reply.json.map(session => {
            const row = document.createElement('tr');
            const cells = [device(session.user_agent), session.ip || 'unknown',
                new Date(session.last_used_at).toLocaleString()];
            for (const text of cells) {
                const cell = document.createElement('td');
                cell.textContent = text;
                row.appendChild(cell);
            }
            const action = document.createElement('td');
            const button = document.createElement('button');
            button.type = 'button';
            button.textContent = session.current ? 'Sign out here' : 'End this session';
            button.setAttribute('aria-label', (session.current ? 'Sign out of this browser, ' : 'End the session of ')
                + cells[0] + ', last used ' + cells[2]);
            button.addEventListener('click', () => endSession(session));
            if (session.current) {
                row.className = 'current';
                action.append('This browser ');
            }
            action.appendChild(button);
            row.appendChild(action);
            return row;
        });
        byId('sessions').tBodies[0].replaceChildren(...rows);
        say('Signed in. ' + rows.length + (rows.length === 1 ? ' session.' : ' sessions.'));
    }

    async function signIn(event) {
        event.preventDefault();
        showError('');
        const reply = await call('POST', '/api/browser/login',
            {body: {username: byId('username').value, password: byId('password').value}});
        byId('password').value = '';
        if (reply.status === 200) {
            keep(reply.json);
            await showAccount();
            byId('sessions-title').focus();
            return;
        }
        showError(reply.status === 401 ? 'The username or the password is wrong.'
            : reply.status === 429 ? 'Too many failed sign-ins for this name. Try again in '
                + minutes(reply.retryAfter) + '.'
            : reply.status === 400 ? 'Enter your username and your password.'
            : reply.status === 403 ? 'Sign-in was refused: this page was not loaded from this service\'s own address.'
            : 'The service could not be reached. Try again in a moment.');
    }

    async function signOut() {
        await call('POST', '/api/browser/logout', {csrf: true});
        showSignedOut('You are signed out.');
    }

    async function endSession(session) {
        showError('');
        const reply = await api('DELETE', '/api/auth/sessions/' + encodeURIComponent(session.id));
        if (session.current) {
            await signOut();
            return;
        }
        if (reply.status !== 204 && reply.status !== 404) {
            showError('That session could not be ended. Try again in a moment.');
        }
        await listSessions();
    }

    async function endAll() {
        const reply = await call('POST', '/api/browser/logout-all', {csrf: true});
        if (reply.status === 204 || reply.status === 401) {
            showSignedOut('You are signed out everywhere: every session has ended.');
        } else {
            showError('Signing out everywhere did not work. Try again in a moment.');
        }
    }

    async function changePassword(event) {
        event.preventDefault();
        showError('');
        const current = byId('current-password');
        const next = byId('new-password');
        const reply = await api('POST', '/api/auth/password',
            {current_password: current.value, new_password: next.value});
        current.value = '';
        next.value = '';
        if (reply.status === 204) {
            await listSessions();
            say('Your password was changed. Your other sessions were signed out.');
            return;
        }
        showError(reply.status === 401 ? 'The current password is wrong.'
            : reply.status === 429 ? 'Too many wrong passwords. Try again in ' + minutes(reply.retryAfter) + '.'
            : reply.status === 400 ? 'The new password was not accepted: ' + (reply.json.detail || 'see the hint.')
            : 'The password could not be changed. Try again in a moment.');
    }

    function guarded(action) {
        return event => action(event).catch(error => {
            if (!(error instanceof SignedOut)) showError('Something went wrong. Reload the page and try again.');
        });
    }

    document.addEventListener('DOMContentLoaded', () => {
        byId('signin-form').addEventListener('submit', guarded(signIn));
        byId('password-form').addEventListener('submit', guarded(changePassword));
        byId('signout').addEventListener('click', guarded(signOut));
        byId('end-all').addEventListener('click', guarded(endAll));
        byId('reload-sessions').addEventListener('click', guarded(listSessions));
        guarded(async () => {
            if (await refresh()) {
                await showAccount();
            } else {
                showSignedOut('Sign in to see your sessions and change your password.');
            }
        })();
    });
})();
