// The demo page's logic (docs/demo.md): plain JavaScript, no build step, no library.
//
// Two rules hold throughout:
// - Every text that came from the service or the person is inserted with textContent (the el helper), never as
//   HTML: titles and tags are free text anybody with the key can write.
// - The API key lives in the variable apiKey and nowhere else: not in the browser's storage, cookies or URLs, so
//   closing or reloading the page forgets it.
'use strict';

(function () {
  /** The API key the person typed; sent as X-Api-Key on writes, and on reads once a read answered 401. */
  let apiKey = '';
  /** Set when a read answered 401: this deployment protects reads (recsys.protect-reads). */
  let readsNeedKey = false;
  /** Titles of the movies this page has seen, for "Because you rated <title>". */
  const titles = new Map();
  /** The user whose history and recommendations are shown. */
  let currentUser = null;
  /** Bumped on every load of a user, so the answers of an older load are dropped instead of shown. */
  let userLoads = 0;
  /** The movie whose similar movies are shown, so that changing the source shows them again. */
  let similarMovie = null;

  const RECOMMENDATIONS = 10;
  const SEARCH_RESULTS = 10;
  const SIMILAR = 10;
  // MovieLens' genre vocabulary (ml-latest), offered as checkboxes; the service has no endpoint that lists them
  // and accepts any genre, so these are only suggestions.
  const GENRES = ['Action', 'Adventure', 'Animation', 'Children', 'Comedy', 'Crime', 'Documentary', 'Drama',
    'Fantasy', 'Film-Noir', 'Horror', 'IMAX', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War',
    'Western'];

  const $ = (id) => document.getElementById(id);

  /** An element with a class, a text (as text, never HTML) and children. */
  function el(tag, className, text, children) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    for (const child of children || []) {
      node.append(child);
    }
    return node;
  }

  /** A failed call: the service's error body ({"error": {"status", "field", "message"}}) or what came instead. */
  class ApiError extends Error {
    constructor(status, field, message) {
      super(message);
      this.status = status;
      this.field = field;
    }

    describe() {
      const where = this.field ? ' (' + this.field + ')' : '';
      return this.status ? 'Error ' + this.status + where + ': ' + this.message : this.message;
    }
  }

  async function errorOf(response) {
    const text = await response.text();
    try {
      const error = JSON.parse(text).error;
      if (error && typeof error.message === 'string') {
        return new ApiError(error.status || response.status, error.field || null, error.message);
      }
    } catch (notJson) {
      // a proxy's or a server's own page: show its start rather than nothing
    }
    return new ApiError(response.status, null, (text.trim() || response.statusText || 'no body').slice(0, 300));
  }

  /**
   * One call to the service. Paths are relative (no leading slash) so the page works under any base path. Writes
   * need the key; reads send it once the deployment has shown that it protects them.
   */
  async function call(method, path, body) {
    const write = method !== 'GET';
    if (write && !apiKey) {
      askForKey();
      throw new ApiError(0, null, 'Enter the API key (top right) first: writing needs it.');
    }
    const headers = {Accept: 'application/json'};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    if (apiKey && (write || readsNeedKey)) {
      headers['X-Api-Key'] = apiKey;
    }
    let response;
    try {
      response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    } catch (network) {
      throw new ApiError(0, null, 'The service cannot be reached: ' + network.message);
    }
    if (response.status === 401 && !write) {
      const firstTime = !readsNeedKey;
      readsNeedKey = true;
      if (firstTime && apiKey) {
        return call(method, path, body);
      }
      askForKey('This deployment protects reads too: enter the API key (top right).');
    }
    if (!response.ok) {
      throw await errorOf(response);
    }
    return {json: await response.json(), headers: response.headers};
  }

  function askForKey(message) {
    const notice = $('key-notice');
    notice.textContent = message || 'Enter the API key (top right) to rate or add movies.';
    notice.hidden = false;
    $('api-key').focus();
  }

  function showError(id, error) {
    const node = $(id);
    node.textContent = error instanceof ApiError ? error.describe() : 'Unexpected error: ' + error;
    node.hidden = false;
  }

  function clearError(id) {
    $(id).hidden = true;
    $(id).textContent = '';
  }

  function remember(movie) {
    if (movie.title) {
      titles.set(movie.movie_id, movie.title);
    }
  }

  /** 3.5 as three full stars, a half and an empty one out of five, then the number. */
  function starsText(rating) {
    const whole = Math.floor(rating);
    const half = rating - whole >= 0.5 ? 1 : 0;
    return '\u2605'.repeat(whole) + (half ? '\u00bd' : '') + '\u2606'.repeat(Math.max(0, 5 - whole - half))
      + ' ' + rating.toFixed(1);
  }

  /** One movie of a list: its title, its genres, and what the list adds (given rating, reasons, actions). */
  function movieItem(movie, extras) {
    remember(movie);
    const item = el('li', 'movie');
    item.dataset.movieId = movie.movie_id;
    const head = el('div', 'head', null, [el('span', 'title', movie.title || 'Movie ' + movie.movie_id)]);
    if (typeof extras.rating === 'number') {
      head.append(el('span', 'given', starsText(extras.rating)));
    }
    item.append(head);
    if (movie.genres) {
      item.append(el('div', 'genres-line', movie.genres.split('|').join(', ')));
    }
    if (movie.tags) {
      item.append(el('div', 'tags-line', 'Tags: ' + movie.tags.split('|').join(', ')));
    }
    if (extras.reasons) {
      const reasons = reasonTexts(extras.reasons);
      if (reasons.length > 0) {
        item.append(el('ul', 'reasons', null, reasons.map((text) => el('li', null, text))));
      }
    }
    if (extras.similar) {
      const button = el('button', 'link similar-button', 'Similar movies');
      button.type = 'button';
      button.addEventListener('click', () => showSimilar(movie));
      head.append(button);
    }
    if (extras.rate) {
      item.append(el('div', 'actions', null, [starButtons(movie)]));
    }
    return item;
  }

  /** "Because you rated <title>", "You like Comedy", "Popular": the reasons of an explained recommendation. */
  function reasonTexts(reasons) {
    const texts = [];
    for (const id of reasons.because_you_rated || []) {
      texts.push('Because you rated ' + (titles.get(String(id)) || 'movie ' + id));
    }
    if (Array.isArray(reasons.genre_affinity) && reasons.genre_affinity.length > 0) {
      texts.push('You like ' + reasons.genre_affinity.join(' and '));
    }
    if (reasons.popular === true) {
      texts.push('Popular');
    }
    return texts;
  }

  /** Five buttons, one per star; a click rates the movie for the shown user. */
  function starButtons(movie) {
    const group = el('span', 'stars');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Rate ' + (movie.title || 'movie ' + movie.movie_id));
    for (let stars = 1; stars <= 5; stars++) {
      const button = el('button', 'star', '\u2605');
      button.type = 'button';
      button.dataset.stars = String(stars);
      button.title = stars === 1 ? '1 star' : stars + ' stars';
      button.setAttribute('aria-label', button.title);
      button.addEventListener('click', () => rate(movie, stars));
      group.append(button);
    }
    return group;
  }

  // ---- a user's history and recommendations ----

  /**
   * The user's ratings with titles, most recent first. A 404 means an unknown user or a service without
   * /users/{id}/ratings: /features tells which, and in the second case still gives the ids.
   */
  async function fetchHistory(userId) {
    try {
      const answer = await call('GET', 'users/' + encodeURIComponent(userId) + '/ratings?returnMetadata=true');
      return {ratings: answer.json.ratings || [], problem: null};
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) {
        throw error;
      }
      let features;
      try {
        features = await call('GET', 'features?user_id=' + encodeURIComponent(userId));
      } catch (featuresError) {
        if (featuresError instanceof ApiError && featuresError.status === 404) {
          return {ratings: [], problem: null};
        }
        throw featuresError;
      }
      const ids = (features.json.features || []).flatMap((entry) => entry.histories || []);
      return {ratings: ids.map((id) => ({movie_id: id})), problem: error};
    }
  }

  async function fetchRecommendations(userId) {
    const genre = $('genre-filter').value.trim();
    const path = 'recommendations?user_id=' + encodeURIComponent(userId) + '&limit=' + RECOMMENDATIONS
      + '&returnMetadata=true&explain=true' + (genre ? '&genre=' + encodeURIComponent(genre) : '');
    const answer = await call('GET', path);
    return {items: answer.json.items || [], ranking: answer.headers.get('X-Recsys-Ranking')};
  }

  function renderHistory(history) {
    const list = $('history');
    list.replaceChildren(...history.ratings.map((rating) =>
      movieItem(rating, {rating: typeof rating.rating === 'number' ? rating.rating : undefined})));
    $('history-empty').hidden = history.ratings.length > 0;
    if (history.problem) {
      showError('history-error', new ApiError(history.problem.status, history.problem.field,
        'ratings with titles are unavailable (' + history.problem.message + '); showing the rated ids'));
    }
  }

  function renderRecommendations(recommendations, previous) {
    const list = $('recommendations');
    list.replaceChildren(...recommendations.items.map((item) => {
      const node = movieItem(item, {reasons: item.reasons, rate: true});
      if (previous && !previous.has(item.movie_id)) {
        node.classList.add('new');
        node.querySelector('.head').append(el('span', 'badge', 'new'));
      }
      return node;
    }));
    $('ranking').textContent = recommendations.ranking ? 'ranked by ' + recommendations.ranking : '';
    if (recommendations.items.length === 0) {
      list.append(el('li', 'empty', 'Nothing to recommend.'));
    }
  }

  function shownRecommendations() {
    return new Set([...$('recommendations').children].map((item) => item.dataset.movieId).filter(Boolean));
  }

  /** Loads both columns; {@code previous} (ids shown before) marks the recommendations that are new. */
  async function loadUser(userId, previous) {
    const load = ++userLoads;
    currentUser = userId;
    clearError('history-error');
    clearError('recommendations-error');
    $('user-section').setAttribute('aria-busy', 'true');
    // both requests at once; the history is shown first because the reasons name its titles
    const historyCall = fetchHistory(userId);
    const recommendationsCall = fetchRecommendations(userId);
    try {
      const history = await historyCall;
      if (load === userLoads) {
        renderHistory(history);
      }
    } catch (error) {
      if (load === userLoads) {
        $('history').replaceChildren();
        showError('history-error', error);
      }
    }
    try {
      const recommendations = await recommendationsCall;
      if (load === userLoads) {
        renderRecommendations(recommendations, previous);
      }
    } catch (error) {
      if (load === userLoads) {
        $('recommendations').replaceChildren();
        showError('recommendations-error', error);
      }
    }
    if (load === userLoads) {
      $('user-section').removeAttribute('aria-busy');
    }
  }

  async function rate(movie, stars) {
    const title = movie.title || 'movie ' + movie.movie_id;
    const userId = currentUser;
    const status = $('user-status');
    clearError('recommendations-error');
    status.textContent = 'Saving your rating of ' + title + '\u2026';
    try {
      await call('POST', 'update_ratings', {[userId]: {movie_id: movie.movie_id, rating: stars}});
    } catch (error) {
      status.textContent = '';
      showError('recommendations-error', error);
      return;
    }
    const before = shownRecommendations();
    status.textContent = 'User ' + userId + ' rated ' + title + ' ' + starsText(stars) + '. Updating\u2026';
    await loadUser(userId, before);
    const fresh = [...shownRecommendations()].filter((id) => !before.has(id)).length;
    status.textContent = 'User ' + userId + ' rated ' + title + ' ' + starsText(stars) + '; '
      + (fresh === 1 ? '1 new recommendation.' : fresh + ' new recommendations.');
  }

  // ---- search and similar movies ----

  async function search(query) {
    clearError('search-error');
    let answer;
    try {
      answer = await call('GET', 'movies/search?q=' + encodeURIComponent(query) + '&limit=' + SEARCH_RESULTS);
    } catch (error) {
      $('search-results').replaceChildren();
      showError('search-error', error);
      return;
    }
    const items = answer.json.items || [];
    $('search-results').replaceChildren(...items.map((movie) => movieItem(movie, {similar: true})));
    if (items.length === 0) {
      $('search-results').append(el('li', 'empty', 'No movie matches \u201c' + query + '\u201d.'));
    } else {
      await showSimilar(items[0]);
    }
  }

  async function showSimilar(movie) {
    similarMovie = movie;
    clearError('similar-error');
    $('similar-heading').hidden = false;
    $('similar-to').textContent = movie.title || 'movie ' + movie.movie_id;
    for (const item of $('search-results').children) {
      item.classList.toggle('selected', item.dataset.movieId === movie.movie_id);
    }
    const source = $('similar-source').value;
    const path = 'movies/' + encodeURIComponent(movie.movie_id) + '/similar?limit=' + SIMILAR
      + '&returnMetadata=true&source=' + encodeURIComponent(source);
    $('similar-ranking').textContent = '';
    try {
      const answer = await call('GET', path);
      if (similarMovie !== movie) {
        return;
      }
      // the source that answered: a movie added after training has content neighbours only
      const ranking = answer.headers.get('X-Recsys-Ranking');
      $('similar-ranking').textContent = ranking ? 'ranked by ' + ranking : '';
      const items = answer.json.items || [];
      $('similar').replaceChildren(...items.map((item) => movieItem(item, {similar: true})));
      if (items.length === 0) {
        $('similar').append(el('li', 'empty', 'No similar movies.'));
      }
    } catch (error) {
      if (similarMovie === movie) {
        $('similar').replaceChildren();
        showError('similar-error', error);
      }
    }
  }

  // ---- adding a movie ----

  /** A fresh id to suggest: 9 and eight digits of the clock, above the ids MovieLens uses. */
  function suggestedMovieId() {
    return '9' + String(Date.now()).slice(-8);
  }

  async function addMovie() {
    clearError('movie-error');
    const status = $('movie-status');
    status.replaceChildren();
    const id = $('movie-id').value.trim();
    const title = $('movie-title').value.trim();
    const genres = [...$('movie-genres').querySelectorAll('input:checked')].map((box) => box.value);
    const tags = $('movie-tags').value.split(/[,|]/).map((tag) => tag.trim()).filter((tag) => tag.length > 0);
    const movie = {title, genres};
    if (tags.length > 0) {
      movie.tags = tags;
    }
    let answer;
    try {
      answer = await call('POST', 'update_movie', {[id]: movie});
    } catch (error) {
      showError('movie-error', error);
      return;
    }
    const created = answer.json.movies_created === 1;
    const added = {movie_id: id, title, genres: genres.join('|')};
    remember(added);
    const similar = el('button', 'link', 'See similar movies');
    similar.type = 'button';
    similar.addEventListener('click', () => showSimilar(added));
    status.append((created ? 'Added ' : 'Updated ') + title + ' as movie ' + id + '. ', similar);
    $('movie-form').reset();
    $('movie-id').value = suggestedMovieId();
  }

  // ---- wiring ----

  function init() {
    $('key-form').addEventListener('submit', (event) => event.preventDefault());
    $('api-key').addEventListener('input', () => {
      apiKey = $('api-key').value.trim();
      if (apiKey) {
        $('key-notice').hidden = true;
      }
    });
    $('user-form').addEventListener('submit', (event) => {
      event.preventDefault();
      $('user-status').textContent = '';
      const userId = $('user-id').value.trim();
      if (userId) {
        loadUser(userId, null);
      }
    });
    $('search-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const query = $('search-query').value.trim();
      if (query) {
        search(query);
      }
    });
    $('similar-source').addEventListener('change', () => {
      if (similarMovie) {
        showSimilar(similarMovie);
      }
    });
    $('movie-form').addEventListener('submit', (event) => {
      event.preventDefault();
      addMovie();
    });
    for (const genre of GENRES) {
      const box = el('input');
      box.type = 'checkbox';
      box.value = genre;
      $('movie-genres').append(el('label', 'genre', null, [box, genre]));
      const option = el('option');
      option.value = genre;
      $('genre-suggestions').append(option);
    }
    $('movie-id').value = suggestedMovieId();
  }

  init();
}());
