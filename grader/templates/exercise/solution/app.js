import express from 'express';

const app = express();

app.get('/hello', (req, res) => {
  res.json({ message: 'Hello from the kitchen' });
});

export default app;
