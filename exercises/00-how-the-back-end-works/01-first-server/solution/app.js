import express from 'express';

const app = express();

app.get('/', (req, res) => {
  res.send('Welcome to the kitchen!');
});

// A health check: monitoring tools call it to ask "are you up?", so it answers quickly and plainly.
app.get('/health', (req, res) => {
  res.json({ status: 'ok' });
});

export default app;
